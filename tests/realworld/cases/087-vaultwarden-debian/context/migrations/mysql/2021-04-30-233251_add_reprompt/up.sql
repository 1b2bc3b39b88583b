# layerlab realworld stub of dani-garcia/vaultwarden:migrations/mysql/2021-04-30-233251_add_reprompt/up.sql (49 bytes in the original; not its content)
