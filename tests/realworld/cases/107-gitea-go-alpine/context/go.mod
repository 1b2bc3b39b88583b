// layerlab realworld stub of go-gitea/gitea:go.mod (size not recorded; not its content)
