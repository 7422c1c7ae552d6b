from briefcheck.cli import main

main()
