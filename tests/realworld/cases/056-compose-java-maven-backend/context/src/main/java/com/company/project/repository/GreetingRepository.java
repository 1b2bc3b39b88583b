// layerlab realworld stub of docker/awesome-compose:react-java-mysql/backend/src/main/java/com/company/project/repository/GreetingRepository.java (288 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
