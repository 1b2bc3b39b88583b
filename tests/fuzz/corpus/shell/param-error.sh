echo ${nope:?is missing}; echo after
