# layerlab realworld stub of plausible/analytics:mix.exs (size not recorded; not its content)
