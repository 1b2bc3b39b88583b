module example.com/hello

go 1.22

require (
	github.com/go-chi/chi/v5 v5.0.12
	golang.org/x/sync v0.7.0
)
