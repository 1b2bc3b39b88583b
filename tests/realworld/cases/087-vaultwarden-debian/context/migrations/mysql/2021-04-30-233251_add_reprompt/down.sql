# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2021-04-30-233251_add_reprompt/down.sql (0 bytes in the original; not its content)
