module github.com/GoogleContainerTools/distroless/examples/go

go 1.18
