// layerlab realworld stub of docker/awesome-compose:angular/angular/src/app/app-routing.module.ts (245 bytes in the original; not its content)
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
// st