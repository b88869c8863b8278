import { Contact } from "contacts/models";

const NAMES = "Ada Lovelace,Grace Hopper,Alan Turing,Edsger Dijkstra,Barbara Liskov,Donald Knuth,Margaret Hamilton,John McCarthy,Frances Allen,Ken Thompson,Dennis Ritchie,Radia Perlman,Guido Rossum,Tim Berners-Lee";

export function seed() {
  NAMES.split(",").forEach((name, i) => {
    const [first, ...rest] = name.split(" ");
    Contact.objects.create({ first_name: first, last_name: rest.join(" "), email: i % 3 ? `${first.toLowerCase()}@example.com` : "" });
  });
}
