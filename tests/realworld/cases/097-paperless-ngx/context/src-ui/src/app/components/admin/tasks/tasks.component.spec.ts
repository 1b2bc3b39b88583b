// layerlab realworld stub of paperless-ngx/paperless-ngx:src-ui/src/app/components/admin/tasks/tasks.component.spec.ts (29252 bytes in the original; not its content)
