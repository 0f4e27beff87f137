for i in range(3):
    print(f"Worker: {i}")
