// layerlab realworld stub of paperless-ngx/paperless-ngx:src-ui/src/app/components/app-frame/global-search/global-search.component.spec.ts (17931 bytes in the original; not its content)
