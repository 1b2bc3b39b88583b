id; id -u; id -un; id -G; id nobody; id app; whoami; id nouser
