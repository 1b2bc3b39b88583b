rm w/link
