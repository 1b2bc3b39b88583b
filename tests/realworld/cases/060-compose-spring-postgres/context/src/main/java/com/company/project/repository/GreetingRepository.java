// layerlab realworld stub of docker/awesome-compose:spring-postgres/backend/src/main/java/com/company/project/repository/GreetingRepository.java (289 bytes in the original; not its content)
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
//