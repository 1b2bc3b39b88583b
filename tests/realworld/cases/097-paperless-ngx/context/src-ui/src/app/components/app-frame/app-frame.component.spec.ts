// layerlab realworld stub of paperless-ngx/paperless-ngx:src-ui/src/app/components/app-frame/app-frame.component.spec.ts (19119 bytes in the original; not its content)
