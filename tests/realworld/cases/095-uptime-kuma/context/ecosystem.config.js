// layerlab realworld stub of louislam/uptime-kuma:ecosystem.config.js (137 bytes in the original; not its content)
// stub
// stub
// st