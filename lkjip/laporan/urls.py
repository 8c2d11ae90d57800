"""URLs of the LKjIP: assembly, check, preview, PDF, approval, signature, verification."""

urlpatterns: list = []
