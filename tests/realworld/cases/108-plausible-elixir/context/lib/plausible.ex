# layerlab realworld stub of plausible/analytics:lib/plausible.ex (size not recorded; not its content)
