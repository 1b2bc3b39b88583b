sed s/y/Y/ nonl; echo; printf 'a\nb' | sed 's/b/c/'
