from aiprocure.cli import main

main()
