/* SPDX-License-Identifier: MIT */
/*
 * holiday.c - Japan's national holidays for any year since 1948.
 *
 * Computed from the rules of the holiday law (祝日法, in force since
 * 1948-07-20): fixed and Happy-Monday dates as they changed over the
 * years, the equinox days by the usual astronomical formula, substitute
 * holidays (振替休日) and sandwiched days (国民の休日). Only days no rule
 * produces (imperial ceremonies, the 2019 enthronement) come from a small
 * static table. Names follow tests/data/holidays_jp.csv, the oracle the
 * unit test checks against for every year 1970-2050.
 *
 * Pure date arithmetic: no zone, no I/O, no mutable state. Company
 * holidays and business hours are calendar.c's.
 */
#include "holiday.h"

#include <stdbool.h>

#include "core/tz.h"

/* Every kind of national holiday (国民の祝日) with its own name. */
enum holiday_kind {
    HOLIDAY_NONE = -1,
    HOLIDAY_NEW_YEAR,              /* 元日 */
    HOLIDAY_COMING_OF_AGE,         /* 成人の日 */
    HOLIDAY_FOUNDATION,            /* 建国記念の日 */
    HOLIDAY_EMPEROR,               /* 天皇誕生日 */
    HOLIDAY_VERNAL,                /* 春分の日 */
    HOLIDAY_SHOWA,                 /* 昭和の日 */
    HOLIDAY_GREENERY,              /* みどりの日 */
    HOLIDAY_CONSTITUTION,          /* 憲法記念日 */
    HOLIDAY_CHILDREN,              /* こどもの日 */
    HOLIDAY_MARINE,                /* 海の日 */
    HOLIDAY_MOUNTAIN,              /* 山の日 */
    HOLIDAY_RESPECT_AGED,          /* 敬老の日 */
    HOLIDAY_AUTUMNAL,              /* 秋分の日 */
    HOLIDAY_HEALTH_SPORTS,         /* 体育の日, until 2019 */
    HOLIDAY_HEALTH_SPORTS_2019,    /* the 2019 one, named for both */
    HOLIDAY_SPORTS,                /* スポーツの日, from 2020 */
    HOLIDAY_CULTURE,               /* 文化の日 */
    HOLIDAY_LABOUR,                /* 勤労感謝の日 */
    HOLIDAY_FUNERAL,               /* 大喪の礼, 1989 */
    HOLIDAY_ENTHRONEMENT_CEREMONY, /* 即位礼正殿の儀, 1990 */
    HOLIDAY_WEDDING,               /* 結婚の儀, 1959 and 1993 */
    HOLIDAY_TREATED_AS_HOLIDAY,    /* the two 2019 days of the new reign */
};

/* The name of each kind, and the name of a substitute holiday for it. */
struct holiday_names {
    const char *name;
    const char *substitute;
};

/* Indexed by enum holiday_kind. */
static const struct holiday_names HOLIDAY_NAMES[] = {
    [HOLIDAY_NEW_YEAR] = {"元日", "元日 振替休日"},
    [HOLIDAY_COMING_OF_AGE] = {"成人の日", "成人の日 振替休日"},
    [HOLIDAY_FOUNDATION] = {"建国記念の日", "建国記念の日 振替休日"},
    [HOLIDAY_EMPEROR] = {"天皇誕生日", "天皇誕生日 振替休日"},
    [HOLIDAY_VERNAL] = {"春分の日", "春分の日 振替休日"},
    [HOLIDAY_SHOWA] = {"昭和の日", "昭和の日 振替休日"},
    [HOLIDAY_GREENERY] = {"みどりの日", "みどりの日 振替休日"},
    [HOLIDAY_CONSTITUTION] = {"憲法記念日", "憲法記念日 振替休日"},
    [HOLIDAY_CHILDREN] = {"こどもの日", "こどもの日 振替休日"},
    [HOLIDAY_MARINE] = {"海の日", "海の日 振替休日"},
    [HOLIDAY_MOUNTAIN] = {"山の日", "山の日 振替休日"},
    [HOLIDAY_RESPECT_AGED] = {"敬老の日", "敬老の日 振替休日"},
    [HOLIDAY_AUTUMNAL] = {"秋分の日", "秋分の日 振替休日"},
    [HOLIDAY_HEALTH_SPORTS] = {"体育の日", "体育の日 振替休日"},
    [HOLIDAY_HEALTH_SPORTS_2019] = {"体育の日（スポーツの日）",
                                    "体育の日（スポーツの日） 振替休日"},
    [HOLIDAY_SPORTS] = {"スポーツの日", "スポーツの日 振替休日"},
    [HOLIDAY_CULTURE] = {"文化の日", "文化の日 振替休日"},
    [HOLIDAY_LABOUR] = {"勤労感謝の日", "勤労感謝の日 振替休日"},
    [HOLIDAY_FUNERAL] = {"大喪の礼", "大喪の礼 振替休日"},
    [HOLIDAY_ENTHRONEMENT_CEREMONY] = {"即位礼正殿の儀",
                                       "即位礼正殿の儀 振替休日"},
    [HOLIDAY_WEDDING] = {"結婚の儀", "結婚の儀 振替休日"},
    [HOLIDAY_TREATED_AS_HOLIDAY] = {"休日（祝日扱い）",
                                    "休日（祝日扱い） 振替休日"},
};

/* Name of a day off under the sandwich rule (国民の休日). */
static const char NATIONAL_DAY_OFF[] = "休日";

/* A holiday set by its own law or cabinet order rather than by a rule. */
struct one_off_holiday {
    int year, month, day;
    enum holiday_kind kind;
};

/* Every day that no rule of the holiday law computes. The 2019 days count
 * as national holidays (祝日扱い), so they take part in the sandwich rule
 * that makes 2019-04-30 and 2019-05-02 days off. */
static const struct one_off_holiday ONE_OFF_HOLIDAYS[] = {
    {1959, 4, 10, HOLIDAY_WEDDING},
    {1989, 2, 24, HOLIDAY_FUNERAL},
    {1990, 11, 12, HOLIDAY_ENTHRONEMENT_CEREMONY},
    {1993, 6, 9, HOLIDAY_WEDDING},
    {2019, 5, 1, HOLIDAY_TREATED_AS_HOLIDAY},
    {2019, 10, 22, HOLIDAY_TREATED_AS_HOLIDAY},
};

/* A published name that differs from what the naming convention gives. */
struct holiday_name_override {
    int year, month, day;
    const char *name;
};

/* Substitute holidays are named after the holiday on the day before them
 * (so 2009-05-06, which replaces Sunday 05-03, is "こどもの日 振替休日").
 * The published list names 2020-05-06 after the Sunday holiday instead;
 * the published name wins. */
static const struct holiday_name_override HOLIDAY_NAME_OVERRIDES[] = {
    {2020, 5, 6, "憲法記念日 振替休日"},
};

/* Dates as YYYYMMDD integers, for readable comparisons. */
#define DATE_KEY(y, m, d) ((int64_t)(y)*10000 + (m)*100 + (d))

/* The holiday law took effect on this day. */
#define HOLIDAY_LAW_START DATE_KEY(1948, 7, 20)
/* Substitute holidays exist from this day on. */
#define SUBSTITUTE_START DATE_KEY(1973, 4, 12)
/* Sandwiched weekdays are days off from this day on. */
#define SANDWICH_START DATE_KEY(1985, 12, 27)
/* From this day a substitute is the next non-holiday, not just Monday. */
#define SUBSTITUTE_CHAIN_START DATE_KEY(2007, 1, 1)

/* Day of month of the n-th Monday (n from 1) of year/month. */
static int nth_monday(int year, int month, int n)
{
    int first_weekday = tz_weekday(year, month, 1);
    int first_monday = 1 + (8 - first_weekday) % 7;
    return first_monday + 7 * (n - 1);
}

/*
 * Day of March of the vernal equinox day (春分の日) of year, by the formula
 * of the National Astronomical Observatory's almanac:
 * int(C + 0.242194 * (Y - 1980) - int((Y - B) / 4)), with C and B for the
 * period. The fractions are scaled by 10^6 so the result is exact. Years
 * after 2150 reuse the 2100-2150 constant, an approximation.
 */
static int vernal_equinox_day(int year)
{
    int64_t y = year;
    int64_t constant = 20843100;
    int64_t leap_base = 1980;
    if (y < 1980) {
        constant = 20835700;
        leap_base = 1983;
    } else if (y >= 2100) {
        constant = 21851000;
    }
    int64_t scaled = constant + 242194 * (y - 1980);
    return (int)(scaled / 1000000 - (y - leap_base) / 4);
}

/* Day of September of the autumnal equinox day (秋分の日) of year; same
 * formula and caveats as vernal_equinox_day. */
static int autumnal_equinox_day(int year)
{
    int64_t y = year;
    int64_t constant = 23248800;
    int64_t leap_base = 1980;
    if (y < 1980) {
        constant = 23258800;
        leap_base = 1983;
    } else if (y >= 2100) {
        constant = 24248800;
    }
    int64_t scaled = constant + 242194 * (y - 1980);
    return (int)(scaled / 1000000 - (y - leap_base) / 4);
}

/*
 * The national holiday (国民の祝日, including the one-off days treated as
 * such) falling on year-month-day, or HOLIDAY_NONE. Substitute holidays and
 * sandwiched days are not 祝日 and are not returned here. The date must be
 * a valid one. Constant time: only the rules for that month are checked.
 */
static enum holiday_kind national_holiday(int year, int month, int day)
{
    if (DATE_KEY(year, month, day) < HOLIDAY_LAW_START) {
        return HOLIDAY_NONE;
    }
    size_t n_one_offs = sizeof(ONE_OFF_HOLIDAYS) / sizeof(ONE_OFF_HOLIDAYS[0]);
    for (size_t i = 0; i < n_one_offs; i++) {
        const struct one_off_holiday *one = &ONE_OFF_HOLIDAYS[i];
        if (one->year == year && one->month == month && one->day == day) {
            return one->kind;
        }
    }
    switch (month) {
    case 1:
        if (day == 1) {
            return HOLIDAY_NEW_YEAR;
        }
        if (year < 2000 ? day == 15 : day == nth_monday(year, 1, 2)) {
            return HOLIDAY_COMING_OF_AGE;
        }
        break;
    case 2:
        if (day == 11 && year >= 1967) {
            return HOLIDAY_FOUNDATION;
        }
        if (day == 23 && year >= 2020) {
            return HOLIDAY_EMPEROR;
        }
        break;
    case 3:
        if (day == vernal_equinox_day(year)) {
            return HOLIDAY_VERNAL;
        }
        break;
    case 4:
        if (day == 29) {
            if (year <= 1988) {
                return HOLIDAY_EMPEROR;
            }
            return year <= 2006 ? HOLIDAY_GREENERY : HOLIDAY_SHOWA;
        }
        break;
    case 5:
        if (day == 3) {
            return HOLIDAY_CONSTITUTION;
        }
        if (day == 4 && year >= 2007) {
            return HOLIDAY_GREENERY;
        }
        if (day == 5) {
            return HOLIDAY_CHILDREN;
        }
        break;
    case 7:
        /* The Tokyo Olympics moved three holidays in 2020 and 2021. */
        if (year == 2020) {
            return day == 23   ? HOLIDAY_MARINE
                   : day == 24 ? HOLIDAY_SPORTS
                               : HOLIDAY_NONE;
        }
        if (year == 2021) {
            return day == 22   ? HOLIDAY_MARINE
                   : day == 23 ? HOLIDAY_SPORTS
                               : HOLIDAY_NONE;
        }
        if (year >= 1996 && year <= 2002 && day == 20) {
            return HOLIDAY_MARINE;
        }
        if (year >= 2003 && day == nth_monday(year, 7, 3)) {
            return HOLIDAY_MARINE;
        }
        break;
    case 8:
        if (year == 2020 || year == 2021) {
            int moved = year == 2020 ? 10 : 8;
            return day == moved ? HOLIDAY_MOUNTAIN : HOLIDAY_NONE;
        }
        if (year >= 2016 && day == 11) {
            return HOLIDAY_MOUNTAIN;
        }
        break;
    case 9:
        if (year >= 1966 && year <= 2002 && day == 15) {
            return HOLIDAY_RESPECT_AGED;
        }
        if (year >= 2003 && day == nth_monday(year, 9, 3)) {
            return HOLIDAY_RESPECT_AGED;
        }
        if (day == autumnal_equinox_day(year)) {
            return HOLIDAY_AUTUMNAL;
        }
        break;
    case 10:
        if (year < 1966) {
            return HOLIDAY_NONE;
        }
        if (year <= 1999) {
            return day == 10 ? HOLIDAY_HEALTH_SPORTS : HOLIDAY_NONE;
        }
        if (year == 2020 || year == 2021 || day != nth_monday(year, 10, 2)) {
            return HOLIDAY_NONE;
        }
        if (year <= 2018) {
            return HOLIDAY_HEALTH_SPORTS;
        }
        return year == 2019 ? HOLIDAY_HEALTH_SPORTS_2019 : HOLIDAY_SPORTS;
    case 11:
        if (day == 3) {
            return HOLIDAY_CULTURE;
        }
        if (day == 23) {
            return HOLIDAY_LABOUR;
        }
        break;
    case 12:
        if (day == 23 && year >= 1989 && year <= 2018) {
            return HOLIDAY_EMPEROR;
        }
        break;
    default:
        break;
    }
    return HOLIDAY_NONE;
}

/* national_holiday for a day counted from 1970-01-01. */
static enum holiday_kind national_holiday_at(int64_t days)
{
    int year;
    int month;
    int day;
    tz_civil_from_days(days, &year, &month, &day);
    return national_holiday(year, month, day);
}


/* The name of the substitute holiday on year-month-day, whose previous
 * day is the holiday yesterday: "<yesterday's name> 振替休日", unless
 * HOLIDAY_NAME_OVERRIDES publishes another name for that day. */
static const char *substitute_name(int year, int month, int day,
                                   enum holiday_kind yesterday)
{
    size_t n_overrides =
        sizeof(HOLIDAY_NAME_OVERRIDES) / sizeof(HOLIDAY_NAME_OVERRIDES[0]);
    for (size_t i = 0; i < n_overrides; i++) {
        const struct holiday_name_override *o = &HOLIDAY_NAME_OVERRIDES[i];
        if (o->year == year && o->month == month && o->day == day) {
            return o->name;
        }
    }
    return HOLIDAY_NAMES[yesterday].substitute;
}

/*
 * The name of the Japanese public holiday on year-month-day, or NULL when
 * the day is an ordinary day (or not a valid date, or before the holiday
 * law of 1948-07-20). Covers national holidays, substitute holidays
 * ("<holiday> 振替休日": until 2006 the Monday after a Sunday holiday,
 * from 2007 the first following day that is not a holiday, named after the
 * holiday on the day before it) and days sandwiched between two holidays
 * ("休日", from 1985-12-27, never a Sunday). The returned string is static.
 * Runs in constant time: it looks at no more than a week around the day.
 */
const char *holiday_name(int year, int month, int day)
{
    if (!tz_is_valid_date(year, month, day)) {
        return NULL;
    }
    int64_t key = DATE_KEY(year, month, day);
    if (key < HOLIDAY_LAW_START) {
        return NULL;
    }
    enum holiday_kind kind = national_holiday(year, month, day);
    if (kind != HOLIDAY_NONE) {
        return HOLIDAY_NAMES[kind].name;
    }
    int64_t days = tz_days_from_civil(year, month, day);
    enum holiday_kind yesterday = national_holiday_at(days - 1);
    if (key >= SUBSTITUTE_START && yesterday != HOLIDAY_NONE) {
        /* Until 2006 only a Sunday holiday right before counts; from 2007
         * any Sunday holiday in the unbroken run of holidays before. */
        int64_t run_limit = key >= SUBSTITUTE_CHAIN_START ? 7 : 1;
        for (int64_t back = 1; back <= run_limit; back++) {
            if (national_holiday_at(days - back) == HOLIDAY_NONE) {
                break;
            }
            if (tz_weekday_of_days(days - back) == 0) {
                return substitute_name(year, month, day, yesterday);
            }
        }
    }
    if (key >= SANDWICH_START && yesterday != HOLIDAY_NONE &&
        tz_weekday_of_days(days) != 0 &&
        national_holiday_at(days + 1) != HOLIDAY_NONE) {
        return NATIONAL_DAY_OFF;
    }
    return NULL;
}

/*
 * List the public holidays of year in date order. Fills out[0..cap) with
 * the first cap of them (out may be NULL when cap is 0) and returns how
 * many there are in total, which may exceed cap. Names are static strings.
 */
size_t holiday_list(int year, struct holiday *out, size_t cap)
{
    size_t count = 0;
    for (int month = 1; month <= 12; month++) {
        int n_days = tz_days_in_month(year, month);
        for (int day = 1; day <= n_days; day++) {
            const char *name = holiday_name(year, month, day);
            if (name == NULL) {
                continue;
            }
            if (count < cap) {
                out[count].year = year;
                out[count].month = month;
                out[count].day = day;
                out[count].name = name;
            }
            count++;
        }
    }
    return count;
}
