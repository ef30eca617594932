"""Whether an account has proved its email address: the one place the rest of the portal asks."""


def email_verified(user) -> bool:
    # Accounts are made by staff or by the sign-up form, which takes the address as given.
    return user is not None and user.is_authenticated and bool(user.email)
