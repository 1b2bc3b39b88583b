type echo cd; command -v echo; type nosuchthing; echo $?
