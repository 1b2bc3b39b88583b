# layerlab realworld stub of docker/awesome-compose:react-java-mysql/backend/src/main/resources/schema.sql (133 bytes in the original; not its content)
