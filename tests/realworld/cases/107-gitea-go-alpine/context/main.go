// layerlab realworld stub of go-gitea/gitea:main.go (size not recorded; not its content)
