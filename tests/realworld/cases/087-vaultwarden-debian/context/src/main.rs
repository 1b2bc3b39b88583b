// layerlab realworld stub of dani-garcia/vaultwarden:src/main.rs (28925 bytes in the original; not its content)
