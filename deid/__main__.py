from deid.cli import main

main()
