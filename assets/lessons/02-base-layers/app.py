print("Hello from the top layer")
