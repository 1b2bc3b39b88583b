id; whoami; id -un
