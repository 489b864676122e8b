from aiprocure._entry import main

main()
