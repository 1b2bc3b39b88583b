echo -e 'a\0101\x42\\z'; echo 'no\tescape'; echo -ne 'c\c'; echo end
