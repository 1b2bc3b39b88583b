// layerlab realworld stub of paperless-ngx/paperless-ngx:src-ui/src/app/components/admin/tasks/tasks.component.ts (21045 bytes in the original; not its content)
