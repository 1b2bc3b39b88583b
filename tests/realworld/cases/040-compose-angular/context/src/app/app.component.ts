// layerlab realworld stub of docker/awesome-compose:angular/angular/src/app/app.component.ts (211 bytes in the original; not its content)
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
// stub
