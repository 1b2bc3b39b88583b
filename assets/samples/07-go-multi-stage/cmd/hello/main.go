// A tiny HTTP service: GET / answers "hello".
package main

import (
	"log"
	"net/http"

	"github.com/go-chi/chi/v5"
)

func main() {
	r := chi.NewRouter()
	r.Get("/", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("hello\n")) })
	log.Fatal(http.ListenAndServe(":8080", r))
}
