// The member and coordinator forms: what a person types becomes details for the app, and what cannot be read
// is reported at its input.
#include <gtest/gtest.h>

#include "web/offer_form.h"
#include "web/settings_form.h"

namespace kin::web {
namespace {

Form Parse(const char* body) {
  std::optional<Form> f = Form::Parse(body);
  EXPECT_TRUE(f);
  return f ? *f : Form();
}

TEST(OfferForm, ReadsEveryInput) {
  FormErrors errors;
  OfferDetails d = ReadOfferForm(
      Parse("category=rides&description=Car+on+weekends&amount=3&unit=rides&period=week&availability=evenings"
            "&skills=car%2C+spanish%2C%2C+wheelchair+lift&radius_km=2%2C5"),
      Lang::kEn, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(d.category, "rides");
  EXPECT_EQ(d.description, "Car on weekends");
  EXPECT_EQ(d.capacity.amount, 3);
  EXPECT_EQ(d.capacity.unit, "rides");
  EXPECT_EQ(d.capacity.period, CapacityPeriod::kWeek);
  EXPECT_EQ(d.availability, "evenings");
  EXPECT_EQ(d.skills, (std::vector<std::string>{"car", "spanish", "wheelchair lift"}));
  EXPECT_DOUBLE_EQ(d.area_radius_km, 2.5);  // a Spanish keyboard's comma
}

TEST(OfferForm, NamesEachInputThatCannotBeRead) {
  FormErrors errors;
  ReadOfferForm(Parse("category=rides&description=x&amount=three&unit=rides&period=fortnight&radius_km=far"),
                Lang::kEs, errors);
  ASSERT_NE(errors.For("amount"), nullptr);
  EXPECT_EQ(*errors.For("amount"), Translate(Lang::kEs, "err.whole_number"));
  EXPECT_NE(errors.For("period"), nullptr);
  EXPECT_NE(errors.For("radius_km"), nullptr);
  EXPECT_EQ(errors.For("description"), nullptr);
}

TEST(OfferForm, WhereTheHelperStartsIsOptionalButBothCoordinates) {
  FormErrors errors;
  OfferDetails d = ReadOfferForm(Parse("category=rides&amount=1&unit=rides&lat=40%2C4168&lon=-3.7038"), Lang::kEn,
                                 errors);
  EXPECT_TRUE(errors.empty());
  ASSERT_TRUE(d.area_center);
  EXPECT_DOUBLE_EQ(d.area_center->lat, 40.4168);
  EXPECT_DOUBLE_EQ(d.area_center->lon, -3.7038);
  FormErrors half;
  d = ReadOfferForm(Parse("category=rides&amount=1&unit=rides&lat=40.4"), Lang::kEn, half);
  ASSERT_NE(half.For("lon"), nullptr);
  EXPECT_EQ(*half.For("lon"), Translate(Lang::kEn, "err.lat_lon_both"));
  EXPECT_FALSE(d.area_center);
  FormErrors none;
  EXPECT_FALSE(ReadOfferForm(Parse("category=rides&amount=1&unit=rides&lat=&lon="), Lang::kEn, none).area_center);
  EXPECT_TRUE(none.empty());
}

TEST(OfferForm, AnEmptyAmountIsRequired) {
  FormErrors errors;
  ReadOfferForm(Parse("category=rides&amount=&unit=rides"), Lang::kEn, errors);
  ASSERT_NE(errors.For("amount"), nullptr);
  EXPECT_EQ(*errors.For("amount"), Translate(Lang::kEn, "err.required"));
}

TEST(OfferForm, CoreFieldNamesMapToInputs) {
  HubSettings hub;
  FormErrors errors;
  OfferDetails d = ReadOfferForm(
      Parse("category=boats&description=&amount=0&unit=&radius_km=500&lat=91&lon=-181"), Lang::kEn, errors);
  AddStatusErrors(Lang::kEn, ValidateOfferDetails(d, hub), OfferInputs(), errors);
  for (const char* input : {"category", "description", "amount", "unit", "radius_km", "lat", "lon"}) {
    EXPECT_NE(errors.For(input), nullptr) << input;
  }
  EXPECT_TRUE(errors.form().empty()) << errors.form();
}

TEST(OfferForm, CapacityReadsInEachLanguage) {
  Capacity c{3, "rides", CapacityPeriod::kWeek};
  EXPECT_EQ(CapacityText(Lang::kEn, c), "3 rides a week");
  EXPECT_EQ(CapacityText(Lang::kEs, c), "3 rides a la semana");
}

TEST(SettingsForm, ReadsListsNumbersZoneAndCheckbox) {
  FormErrors errors;
  HubSettingsPatch p = ReadSettingsForm(
      Parse("name=Riverside&description=&categories=food%0D%0Arides%2C+tools%2C&languages=es%2C+en"
            "&retention_days=45&time_zone=America%2FMexico_City&intake_open=on"),
      Lang::kEn, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(*p.categories, (std::vector<std::string>{"food", "rides", "tools"}));
  EXPECT_EQ(*p.languages, (std::vector<std::string>{"es", "en"}));
  EXPECT_EQ(*p.retention_days, 45);
  EXPECT_EQ(*p.time_zone, "America/Mexico_City");
  EXPECT_TRUE(*p.intake_open);
}

TEST(SettingsForm, AnUntickedBoxClosesIntake) {
  FormErrors errors;
  HubSettingsPatch p =
      ReadSettingsForm(Parse("name=R&categories=food&languages=en&retention_days=30&time_zone=UTC"), Lang::kEn, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_FALSE(*p.intake_open);
}

TEST(SettingsForm, UnknownZoneAndBadNumberAreNamed) {
  FormErrors errors;
  HubSettingsPatch p = ReadSettingsForm(
      Parse("name=R&categories=food&languages=en&retention_days=a+month&time_zone=Mars%2FOlympus"), Lang::kEs, errors);
  ASSERT_NE(errors.For("time_zone"), nullptr);
  EXPECT_EQ(*errors.For("time_zone"), Translate(Lang::kEs, "err.time_zone"));
  ASSERT_NE(errors.For("retention_days"), nullptr);
  EXPECT_FALSE(p.time_zone);
  EXPECT_FALSE(p.retention_days);
}

TEST(SettingsForm, CoreFindingsReachTheirInputs) {
  FormErrors errors;
  HubSettingsPatch p = ReadSettingsForm(
      Parse("name=&categories=Food+Bank%2C+food%2C+food&languages=english&retention_days=0&time_zone=UTC"),
      Lang::kEn, errors);
  HubSettings s;
  p.ApplyTo(s);
  AddSettingsErrors(Lang::kEn, ValidateHubSettings(s), s, errors);
  for (const char* input : {"name", "categories", "languages", "retention_days"}) {
    EXPECT_NE(errors.For(input), nullptr) << input;
  }
  // The first bad category is named, and what to do about it.
  EXPECT_EQ(*errors.For("categories"),
            Translate(Lang::kEn, "err.list_item", {{"item", "Food Bank"}}) + " " + Translate(Lang::kEn, "err.token_chars"));
  EXPECT_TRUE(errors.form().empty()) << errors.form();
}

}  // namespace
}  // namespace kin::web
