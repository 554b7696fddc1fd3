"""The follow-up app's URLs: the register (suppliers, contracts, priorities) and the cases (letters, answers, deviations)."""

from suppliers.follow_up import urls as follow_up_urls
from suppliers.register import urls as register_urls

app_name = "suppliers"

urlpatterns = [*register_urls.urlpatterns, *follow_up_urls.urlpatterns]
