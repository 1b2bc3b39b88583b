# layerlab realworld stub of docker/awesome-compose:react-java-mysql/backend/src/main/resources/data.sql (55 bytes in the original; not its content)
