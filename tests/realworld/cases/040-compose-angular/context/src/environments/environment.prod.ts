// layerlab realworld stub of docker/awesome-compose:angular/angular/src/environments/environment.prod.ts (51 bytes in the original; not its content)
