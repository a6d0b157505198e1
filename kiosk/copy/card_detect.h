// Finding an ID card (85.6 × 54 mm, ISO/IEC 7810 ID-1) on a scan of the glass corner, and cutting it out at true size.
#pragma once

#include <optional>

#include "drivers/copier/scan_image.h"

namespace kiosk::copy {

inline constexpr double kCardWidthMm = 85.6;   ///< ISO/IEC 7810 ID-1, the resident ID card
inline constexpr double kCardHeightMm = 54.0;

/// Where the card lies on a scan, in pixels of that scan.
struct CardBox {
    int x = 0, y = 0, width = 0, height = 0;
    bool rotated = false;  ///< laid on its long edge (54 wide × 85.6 high)
    bool found = false;    ///< false: the standard-size box at the glass corner (fallback)
};

/// Looks for one card-sized region that differs from the lid around it (lighter or darker)
/// on a scan of the corner area. The lid's level is read from the scan's far edges (the
/// card lies in the corner, so those show the lid). A region whose extent is within
/// ±4 mm of 85.6 × 54 mm (either way round) and square to the glass is the card. Nothing when there is no such
/// region: no card, a card askew, a lid left open (a dark scan), a page instead of a card.
std::optional<CardBox> find_card(const copier::ScanImage& scan);

/// The honest fallback when no card is found: the standard-size box at the glass corner,
/// where the marks on the glass tell the citizen to lay the card (found = false).
CardBox corner_box(const copier::ScanImage& scan);

/// The card cut out at exactly 85.6 × 54 mm at the scan's dpi (turned to landscape when it
/// lay on its long edge), centred on `box`; outside the scan is white.
copier::ScanImage crop_card(const copier::ScanImage& scan, const CardBox& box);

}  // namespace kiosk::copy
