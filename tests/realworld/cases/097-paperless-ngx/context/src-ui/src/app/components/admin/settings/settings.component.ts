// layerlab realworld stub of paperless-ngx/paperless-ngx:src-ui/src/app/components/admin/settings/settings.component.ts (22008 bytes in the original; not its content)
