echo x > w/new && rm w/new
