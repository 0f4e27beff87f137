def main():
    pass

main()
