apk add --no-cache tool; apk add tool
