from contacts.models import Contact

NAMES = "Ada Lovelace,Grace Hopper,Alan Turing,Edsger Dijkstra,Barbara Liskov,Donald Knuth,Margaret Hamilton,John McCarthy,Frances Allen,Ken Thompson,Dennis Ritchie,Radia Perlman,Guido Rossum,Tim Berners-Lee"


def seed():
    for i, name in enumerate(NAMES.split(",")):
        first, last = name.split(" ", 1)
        Contact.objects.create(first_name=first, last_name=last, email=f"{first.lower()}@example.com" if i % 3 else "")
