# layerlab realworld stub of plausible/analytics:config/config.exs (size not recorded; not its content)
