# layerlab realworld stub of docker/awesome-compose:react-rust-postgres/backend/migrations/0001_create-users_down.sql (18 bytes in the original; not its content)
