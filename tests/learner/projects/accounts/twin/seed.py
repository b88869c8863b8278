from django.contrib.auth.models import User


def seed():
    User.objects.create_user("alice", "alice@example.com", "wonderland-42", first_name="Alice")
    bob = User.objects.create_user("bob", "bob@example.com")  # no password: unusable, gets no mail
    bob.save()
    User.objects.create_user("carol", "carol@example.com", "carol-secret-9", is_active=False)
