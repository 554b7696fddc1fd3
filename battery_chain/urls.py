"""Battery chains: reference data, chain maps, risk (urls_chain) and minerals-report imports (urls_minerals)."""

from battery_chain import urls_chain, urls_minerals

app_name = "battery_chain"

urlpatterns = [*urls_chain.urlpatterns, *urls_minerals.urlpatterns]
