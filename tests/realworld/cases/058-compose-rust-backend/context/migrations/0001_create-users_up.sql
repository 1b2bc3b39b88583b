# layerlab realworld stub of docker/awesome-compose:react-rust-postgres/backend/migrations/0001_create-users_up.sql (78 bytes in the original; not its content)
