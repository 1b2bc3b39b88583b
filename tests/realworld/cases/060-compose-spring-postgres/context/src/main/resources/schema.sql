# layerlab realworld stub of docker/awesome-compose:spring-postgres/backend/src/main/resources/schema.sql (99 bytes in the original; not its content)
