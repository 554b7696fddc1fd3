"""The follow-up app's URLs: the register (suppliers, contracts, priorities) and the cases (letters, answers, deviations)."""

from suppliers import urls_cases, urls_register

app_name = "suppliers"

urlpatterns = [*urls_register.urlpatterns, *urls_cases.urlpatterns]
